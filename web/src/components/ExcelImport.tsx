/** Excel import (all rows or none) with a per-row error table, and export of the department's catalog. */
import { Alert, App, Button, Modal, Space, Table, Upload } from 'antd'
import { useState } from 'react'
import { Value } from 'typebox/value'
import {
  type ImportProblem,
  ImportProblems,
  type ImportSummary,
} from '../../../src/modules/catalog/excel/schema'
import { ApiError } from '../api/client'
import { catalog } from '../api/endpoints'
import { useI18n } from '../i18n'
import { errorText } from './notify'

export function ExcelButtons({ onImported }: { onImported(): void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [busy, setBusy] = useState<'import' | 'export' | null>(null)
  const [problems, setProblems] = useState<ImportProblem[] | null>(null)
  const [summary, setSummary] = useState<ImportSummary | null>(null)

  const upload = async (file: File) => {
    setBusy('import')
    try {
      setSummary(await catalog.importWorkbook(await file.arrayBuffer()))
      onImported()
    } catch (error) {
      const rows = problemsOf(error)
      if (rows) {
        setProblems(rows)
      } else {
        message.error(errorText(error, t))
      }
    } finally {
      setBusy(null)
    }
  }

  const download = async () => {
    setBusy('export')
    try {
      const blob = await catalog.exportWorkbook()
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = t('excel.fileName')
      link.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <Space>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file)
            return false
          }}
        >
          <Button loading={busy === 'import'} data-testid="import-button">
            {t('excel.import')}
          </Button>
        </Upload>
        <Button loading={busy === 'export'} onClick={() => void download()} data-testid="export-button">
          {t('excel.export')}
        </Button>
      </Space>
      {problems ? <ProblemsModal problems={problems} onClose={() => setProblems(null)} /> : null}
      {summary ? (
        <Modal open title={t('excel.doneTitle')} footer={null} onCancel={() => setSummary(null)}>
          <Alert
            type="success"
            showIcon
            title={t('excel.done', {
              created: summary.created,
              updated: summary.updated,
              unchanged: summary.unchanged,
            })}
          />
        </Modal>
      ) : null}
    </>
  )
}

function ProblemsModal({ problems, onClose }: { problems: ImportProblem[]; onClose(): void }) {
  const { t } = useI18n()
  return (
    <Modal open width={820} title={t('excel.problemsTitle')} footer={null} onCancel={onClose}>
      <Alert
        type="error"
        showIcon
        title={t('excel.nothingStored', { count: problems.length })}
        style={{ marginBottom: 12 }}
      />
      <Table<ImportProblem & { n: number }>
        data-testid="import-problems"
        size="small"
        rowKey="n"
        dataSource={problems.map((p, n) => ({ ...p, n }))}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('excel.sheet'), dataIndex: 'sheet', width: 110 },
          { title: t('excel.row'), dataIndex: 'row', width: 70 },
          { title: t('excel.column'), dataIndex: 'column', width: 140 },
          { title: t('excel.reason'), dataIndex: 'reason' },
        ]}
      />
    </Modal>
  )
}

function problemsOf(error: unknown): ImportProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'CATALOG_IMPORT_INVALID') {
    return null
  }
  return Value.Check(ImportProblems, error.details) ? error.details.problems : null
}
