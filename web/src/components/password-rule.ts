/**
 * The password rule the portal checks before sending, from the server's own limits (org
 * vocabulary.ts). The server also refuses common, reused and username-bearing passwords
 * (AUTH_WEAK_PASSWORD, shown on the field), and a deployment may ask for more than the default length.
 */
import {
  PASSWORD_CLASSES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
} from '../../../src/modules/org/vocabulary'

/** The limits as the rule's message words them (`password.rule`). */
export const PASSWORD_LIMITS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }

/** Length within the server's bounds and enough character classes. */
export function meetsPasswordRule(password: string): boolean {
  const classes = PASSWORD_CLASSES.filter((re) => re.test(password)).length
  return (
    password.length >= PASSWORD_MIN_LENGTH &&
    password.length <= PASSWORD_MAX_LENGTH &&
    classes >= PASSWORD_MIN_CLASSES
  )
}
