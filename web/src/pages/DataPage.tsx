/**
 * Page 6: use a grant of another department's resource, as the grant's access mode allows
 * (issue 11): verify values held (match / no match, every grant), read records by key (lookup and
 * bulk grants: only the granted items, masked as granted), browse pages and export CSV (bulk).
 * Every read names the case it serves (办件编号), which the log keeps.
 */

import { Alert, Empty, Form, Input, Select, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { ApiError } from '../api/client'
import { sharing } from '../api/endpoints'
import { GrantLimits, modeAllows } from '../components/access-mode'
import { BrowsePanel } from '../components/BrowsePanel'
import { DeptName } from '../components/departments'
import { LookupPanel } from '../components/LookupPanel'
import type { ContextOf } from '../components/read-panel'
import { useUser } from '../components/session'
import { useLoad } from '../components/use-load'
import { VerifyPanel } from '../components/VerifyPanel'
import { useI18n } from '../i18n'

export function DataPage() {
  const { t, label } = useI18n()
  const user = useUser()
  const grants = useLoad(() => sharing.grants('live'), [])
  const mine = (grants.data?.items ?? []).filter((g) => g.consumerId === user.departmentId)
  const [grantId, setGrantId] = useState<string>()
  const [caseRef, setCaseRef] = useState('')
  const [caseRefMissing, setCaseRefMissing] = useState(false)
  const grant = mine.find((g) => g.id === grantId)

  const contextOf: ContextOf = () => {
    const ref = caseRef.trim()
    if (!grant) {
      return null
    }
    if (ref === '') {
      setCaseRefMissing(true)
      return null
    }
    return { grantId: grant.id, caseRef: ref }
  }
  /** The server asked for the case after all (a panel's read failed with EXCHANGE_CASE_REF_REQUIRED). */
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'EXCHANGE_CASE_REF_REQUIRED') {
      setCaseRefMissing(true)
    }
  }

  const tabs = grant
    ? [
        {
          key: 'verify',
          label: t('data.tab.verify'),
          children: <VerifyPanel grant={grant} contextOf={contextOf} onError={onError} />,
        },
        ...(modeAllows(grant.accessMode, 'lookup')
          ? [
              {
                key: 'lookup',
                label: t('data.tab.lookup'),
                children: <LookupPanel grant={grant} contextOf={contextOf} onError={onError} />,
              },
            ]
          : []),
        ...(grant.accessMode === 'bulk'
          ? [
              {
                key: 'browse',
                label: t('data.tab.browse'),
                children: <BrowsePanel grant={grant} contextOf={contextOf} onError={onError} />,
              },
            ]
          : []),
      ]
    : []

  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('data.grant')}>
          <Select
            data-testid="grant-select"
            style={{ width: 420 }}
            loading={grants.loading}
            value={grantId}
            onChange={(v: string) => setGrantId(v)}
            placeholder={t('data.pickGrant')}
            notFoundContent={<Empty description={t('data.noGrants')} />}
            options={mine.map((g) => ({
              value: g.id,
              label: `${g.resourceName}（${label('accessMode', g.accessMode)} · ${g.items.length} ${t('data.itemsCount')}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('data.caseRef')}
          required
          validateStatus={caseRefMissing ? 'error' : undefined}
          help={caseRefMissing ? t('data.caseRefRequired') : undefined}
        >
          <Input
            data-testid="case-ref"
            value={caseRef}
            maxLength={100}
            onChange={(e) => {
              setCaseRef(e.target.value)
              if (e.target.value.trim()) {
                setCaseRefMissing(false)
              }
            }}
            style={{ width: 220 }}
            placeholder={t('data.caseRefHint')}
          />
        </Form.Item>
      </Form>
      {grant ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('resource.provider')}：<DeptName id={grant.providerId} />
            {' · '}
            {t('request.purpose')}：{grant.purpose}
            {grant.validTo ? ` · ${t('apply.validTo')}：${grant.validTo}` : ''}{' '}
            <Tag color={grant.plain ? 'red' : 'green'}>
              {grant.plain ? t('data.plain') : t('data.masked')}
            </Tag>
            <GrantLimits grant={grant} />
          </Typography.Paragraph>
          {grant.accessMode === 'verify' ? (
            <Alert
              data-testid="verify-only"
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('data.verifyOnly')}
            />
          ) : null}
          <Tabs
            key={grant.id}
            data-testid="data-tabs"
            defaultActiveKey={grant.accessMode === 'verify' ? 'verify' : 'lookup'}
            items={tabs}
          />
        </>
      ) : null}
    </>
  )
}
