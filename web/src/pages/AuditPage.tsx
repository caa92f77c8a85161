/**
 * Page 9 (auditor), issue 12: search the audit log newest first by person, department, resource,
 * action label, dates, case or one record's key, with names instead of ids; export the result;
 * verify the SM3 hash chain; see who read one person's record.
 */
import { Alert, Button, Card, Space, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import type { VerifyReply } from '../../../src/modules/audit/schema'
import { auditSearch } from '../api/audit'
import { audit } from '../api/endpoints'
import { AuditFiltersForm, type AuditFormValues } from '../components/AuditFilters'
import { AuditTable } from '../components/AuditTable'
import { saveBlob } from '../components/download'
import { KeyReadersCard } from '../components/KeyReadersCard'
import { errorText, useReportError } from '../components/notify'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

const PAGE_SIZE = 50

export function AuditPage() {
  const { t, lang } = useI18n()
  const [query, setQuery] = useState<AuditFormValues>({})
  const [page, setPage] = useState(1)
  const { key, ...filters } = query
  // Labels come in the caller's language: a switch of language reloads the page of entries.
  const entries = useLoad(
    () =>
      key === undefined
        ? auditSearch.search({ ...filters, page, pageSize: PAGE_SIZE })
        : auditSearch.byKey({ ...filters, key, page, pageSize: PAGE_SIZE }),
    [query, page, lang],
  )
  const reply = entries.data
  // Past the search's count cap the total is a lower bound: shown as "10000+".
  const counted = reply?.totalCapped ? `${reply.total}+` : (reply?.total ?? 0)

  return (
    <>
      <Card size="small" title={t('audit.searchTitle')} data-testid="audit-search-card">
        <AuditFiltersForm
          onSearch={(values) => {
            setQuery(values)
            setPage(1)
          }}
        />
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Typography.Text data-testid="audit-summary">
            {reply?.key !== undefined
              ? t('audit.byKeySummary', { key: reply.key, n: counted, seq: reply.querySeq ?? '' })
              : t('audit.total', { n: counted })}
            {reply?.totalCapped ? ` ${t('audit.totalCappedHint')}` : ''}
          </Typography.Text>
          <ExportButtons filters={filters} byKey={key !== undefined} />
        </Space>
        <AuditTable
          items={reply?.items ?? []}
          total={reply?.total ?? 0}
          loading={entries.loading}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
        />
      </Card>
      <Card
        size="small"
        title={t('audit.verifyTitle')}
        style={{ marginTop: 16 }}
        data-testid="audit-verify-card"
      >
        <VerifyBar />
      </Card>
      <KeyReadersCard />
    </>
  )
}

/** The search as a file; a search by key is not exported (the key would have to go in the URL). */
function ExportButtons({ filters, byKey }: { filters: Omit<AuditFormValues, 'key'>; byKey: boolean }) {
  const { t } = useI18n()
  const report = useReportError()
  const [busy, setBusy] = useState<'csv' | 'xlsx'>()
  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(format)
    try {
      saveBlob(await auditSearch.export(filters, format), `audit-log.${format}`)
    } catch (error) {
      report(error)
    } finally {
      setBusy(undefined)
    }
  }
  const buttons = (
    <Space>
      <Button
        disabled={byKey}
        loading={busy === 'csv'}
        onClick={() => void download('csv')}
        data-testid="audit-export-csv"
      >
        {t('audit.exportCsv')}
      </Button>
      <Button
        disabled={byKey}
        loading={busy === 'xlsx'}
        onClick={() => void download('xlsx')}
        data-testid="audit-export-xlsx"
      >
        {t('audit.exportXlsx')}
      </Button>
    </Space>
  )
  return byKey ? <Tooltip title={t('audit.exportByKey')}>{buttons}</Tooltip> : buttons
}

function VerifyBar() {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ reply?: VerifyReply; error?: string } | null>(null)
  const verify = async () => {
    setBusy(true)
    try {
      setResult({ reply: await audit.verify() })
    } catch (error) {
      setResult({ error: errorText(error, t) })
    } finally {
      setBusy(false)
    }
  }
  const reply = result?.reply
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => void verify()} loading={busy} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
      {reply?.ok ? (
        <Alert
          data-testid="verify-result"
          type="success"
          showIcon
          title={t('audit.chainOk', { entries: reply.entries })}
          description={`head: ${reply.head ?? ''}`}
        />
      ) : null}
      {reply && !reply.ok ? (
        <Alert
          data-testid="verify-result"
          type="error"
          showIcon
          title={t('audit.chainBad', { seq: reply.firstBadSeq ?? '?' })}
          description={reply.problem}
        />
      ) : null}
      {result?.error ? <Alert type="error" showIcon title={result.error} /> : null}
    </Space>
  )
}
