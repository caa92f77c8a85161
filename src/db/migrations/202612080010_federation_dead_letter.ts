/**
 * Issue 16, Art. 21: an outbox message that cannot be delivered stops being retried and waits, `dead`,
 * for the administrator to requeue or discard it (decisions §58). `queued_at` is when its tries
 * began (a requeue starts them again); `dead_at` when it stopped. The former final state `refused`
 * (a peer's 4xx) is a dead message now: it can be requeued once the cause is fixed.
 */
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('federation_outbox').addColumn('queued_at', 'text').execute()
  await db.schema.alterTable('federation_outbox').addColumn('dead_at', 'text').execute()
  await sql`update federation_outbox set queued_at = created_at`.execute(db)
  await sql`update federation_outbox set status = 'dead', dead_at = created_at
    where status = 'refused'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update federation_outbox set status = 'refused' where status in ('dead', 'discarded')`.execute(db)
  await db.schema.alterTable('federation_outbox').dropColumn('dead_at').execute()
  await db.schema.alterTable('federation_outbox').dropColumn('queued_at').execute()
}
