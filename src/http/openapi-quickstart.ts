/**
 * The quick start of the API reference (issue 15 item 6): `info.description` of /openapi.json,
 * and docs/api-quickstart.md, which `npm run api:client` writes from this text. Values are the
 * demo city's (synthetic); test/scenario/api-client.test.ts runs the same steps.
 */
export const QUICK_START = `政务信息资源共享平台 API（昆明市人民政府令第151号）。部门业务系统的接入方法见下方快速开始；
每个接口的中文与英文说明、参数和示例见各接口。
The govshare API (Kunming Order No. 151). A department's system starts with the quick start below;
each operation has its description, parameters and examples in Chinese and English.

## 约定 / Conventions
- 请求与响应均为 JSON；时间为带时区的 ISO 8601，日期为 Asia/Shanghai 的 \`YYYY-MM-DD\`。
  Bodies are JSON; times are ISO 8601 with offset, dates are \`YYYY-MM-DD\` in Asia/Shanghai.
- 错误统一为 \`{"error":{"code","message","details"}}\`，code 稳定不变；message 随 \`Accept-Language\`
  （默认 zh-CN，可选 en）。请求体不符合 schema：400 \`VALIDATION_FAILED\`，\`details\` 指出字段。
  Errors are always \`{"error":{"code","message","details"}}\` with a stable code; the message follows
  \`Accept-Language\` (zh-CN by default, en on request). A body that fails its schema: 400 \`VALIDATION_FAILED\`.
- 除登录、换取令牌、健康检查等公开接口外，每个请求带 \`Authorization: Bearer <令牌>\`，否则 401 \`AUTH_REQUIRED\`。
  Every call but the public ones (sign-in, token, health) sends \`Authorization: Bearer <token>\`, else 401 \`AUTH_REQUIRED\`.

## 快速开始 / Quick start
部门管理员先在门户组织管理的“接口客户端”页（或 \`POST /api/v1/clients\`）为业务系统注册客户端，得到 \`clientId\` 和只显示一次的
\`clientSecret\`；消费部门须已获得资源的授权（无条件共享的资源，\`POST /api/v1/sharing/requests\` 即时授权）。
A department admin registers the system as an API client (portal page "API clients", or \`POST /api/v1/clients\`) and
receives its \`clientId\` and \`clientSecret\` (shown once); the department needs a grant on the resource
(for an unconditional resource, \`POST /api/v1/sharing/requests\` grants at once).

下面的编码、ID 和主键取自演示数据（\`GOVSHARE_SEED=demo\`）；ID 因安装而异，请换成自己的。
Codes, ids and keys below are the demo city's (\`GOVSHARE_SEED=demo\`); ids differ per installation: use yours.

**1. 以客户端凭据换取令牌 / Client credentials → token**
\`\`\`sh
BASE=http://127.0.0.1:8080
curl -s -X POST "$BASE/api/v1/auth/token" -H 'content-type: application/json' \\
  -d '{"clientId":"gs-7Hq2kM9xT4vBn3Wp","clientSecret":"<clientSecret>"}'
# {"accessToken":"Q3vN8xK2-pL7mR4tY9wE1aZ6cB0dF5gH3jS8uI2oP7k","tokenType":"Bearer","expiresIn":3600}
TOKEN=Q3vN8xK2-pL7mR4tY9wE1aZ6cB0dF5gH3jS8uI2oP7k
\`\`\`
令牌 \`expiresIn\` 秒后失效，届时重新换取。The token expires after \`expiresIn\` seconds: ask for a new one then.

**2. 由资源编码找到资源 ID / Find the resource id from its code**
\`\`\`sh
curl -s -G "$BASE/api/v1/catalog/lookup" --data-urlencode 'code=202/000001' -H "authorization: Bearer $TOKEN"
# {"id":"9629ce51-9c8f-440a-9613-e88e19b78a00","code":"202/000001","name":"社会保险参保信息",
#  "status":"published","items":[{"name":"公民身份号码","key":true,"sensitivity":"id_number",…},…],…}
\`\`\`
不知道编码时按名称检索共享目录 / Without the code, search the sharing catalog by name:
\`curl -s -G "$BASE/api/v1/catalog/shared" --data-urlencode 'q=社保' -H "authorization: Bearer $TOKEN"\`。

**3. 带 \`grantId\` 和 \`caseRef\` 查询一条记录 / Read a record with \`grantId\` and \`caseRef\`**
\`\`\`sh
curl -s -G "$BASE/api/v1/exchange/resources/9629ce51-9c8f-440a-9613-e88e19b78a00/records/530103197101152610" \\
  --data-urlencode 'grantId=068f7c96-ec2f-4f8b-9332-cb1a7544387e' --data-urlencode 'caseRef=MZ-2026-0815' \\
  -H "authorization: Bearer $TOKEN"
# {"record":{"公民身份号码":"530103********2610","姓名":"肖**","参保险种":"职工基本养老保险","参保状态":"暂停"},
#  "grantId":"068f7c96-ec2f-4f8b-9332-cb1a7544387e","sourceChangedAt":"…","arrivedAt":"…","version":1,"source":"stored"}
\`\`\`
- \`grantId\` 可省略：默认使用本部门对该资源的有效授权；\`GET /api/v1/grants\` 列出本部门的授权。
  \`grantId\` is optional: by default the department's live grant on the resource; \`GET /api/v1/grants\` lists them.
- \`caseRef\` 是本次查询所办的事项编号，与授权用途一起写入查询日志；资源要求时必填（否则 400 \`EXCHANGE_CASE_REF_REQUIRED\`）。
  \`caseRef\` names the case the query serves and goes to the query log with the grant's purpose; required where the
  resource asks for it (else 400 \`EXCHANGE_CASE_REF_REQUIRED\`).
- 只返回授权的信息项，个人信息脱敏；多个主键项时以 \`|\` 连接并 URL 编码。无有效授权：403 \`GRANT_REQUIRED\`；
  主键不存在：404 \`EXCHANGE_RECORD_NOT_FOUND\`。
  Only the granted items, personal items masked; several key items: values joined by \`|\`, URL-encoded. No live
  grant: 403 \`GRANT_REQUIRED\`; unknown key: 404 \`EXCHANGE_RECORD_NOT_FOUND\`.

TypeScript 调用方可由本文档生成类型（openapi-typescript）并用 openapi-fetch 调用，见 docs/api-quickstart.md。
A TypeScript caller can generate types from this document (openapi-typescript) and call with openapi-fetch:
see docs/api-quickstart.md.
`
