/** A valid resource body for catalog tests; override any field. */
export function resourceBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '户籍人口基本信息',
    summary: '全市户籍人口的公民身份号码、姓名、性别、住址等基本信息',
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: [
      { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
      { name: '姓名', dataType: 'string', sensitivity: 'name' },
      { name: '住址', dataType: 'string', sensitivity: 'address' },
    ],
    ...overrides,
  }
}
