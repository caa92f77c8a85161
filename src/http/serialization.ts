/**
 * Reply serializers built once per process (issue 14): fast-json-stringify turns each route's
 * reply schema into code, which cost a platform start about a tenth of a second. The schemas are
 * module constants and the platform registers no shared schemas, so a serializer built for one
 * schema object serves it in every app of the process (tests, several instances in one process).
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyInstance } from 'fastify'

const build = SerializerSelector()()
const built = new WeakMap<object, (doc: unknown) => string>()

export function registerSerialization(app: FastifyInstance): void {
  app.setSerializerCompiler(({ schema, method, url, httpStatus }) => {
    const key = schema as object
    let serializer = built.get(key)
    if (!serializer) {
      serializer = build({ schema, method, url, httpStatus: httpStatus ?? 'default' })
      built.set(key, serializer)
    }
    return serializer
  })
}
