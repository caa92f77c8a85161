/**
 * Schema validation as departments' systems expect it: a JSON body must have the right types
 * (no silent coercion of 12345 into "12345" or "a" into ["a"]), while query strings and path
 * parameters, which are text by nature, are coerced to the numbers and booleans their schema says.
 */
import { createRequire } from 'node:module'
import { Ajv, type Options } from 'ajv'
import type { FastifyInstance, FastifySchema } from 'fastify'

// ajv-formats is CommonJS exporting the plugin function itself; its ESM typings say otherwise.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv

const shared: Options = { useDefaults: true, removeAdditional: true, allErrors: false, strict: false }

function compilerWith(coerceTypes: Options['coerceTypes']) {
  const ajv = new Ajv({ ...shared, coerceTypes })
  addFormats(ajv)
  return ajv
}

// One pair per process: Ajv keeps what it compiled by schema object, and the routes' schemas are
// module constants, so a second app in the process (tests, several instances) compiles nothing.
const strict = compilerWith(false)
const lenient = compilerWith('array')

export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler<FastifySchema>(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : lenient).compile(schema),
  )
}
