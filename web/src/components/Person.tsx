/** A person as the portal shows them: the display name, the login only in a tooltip (issue 15). */
import { Tooltip } from 'antd'

export function Person({ login, name }: { login: string | null | undefined; name?: string | null }) {
  if (!login) {
    return <>—</>
  }
  if (!name || name === login) {
    return <>{login}</>
  }
  return (
    <Tooltip title={login}>
      <span data-login={login}>{name}</span>
    </Tooltip>
  )
}

/** For plain text (to-do titles): the display name, else the login. */
export function personText(login: string, name?: string | null): string {
  return name || login
}
