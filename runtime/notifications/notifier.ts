// Creating notifications: the recipients (named users and/or every active user of some roles)
// each get one in-app row, and an e-mail as their preference for that event type says
// (immediate, daily digest, off; no preference: immediate). The row is the record: an immediate
// e-mail is queued after the rows commit, and a row whose enqueue was lost stays `pending` until
// the mail worker's requeue pass finds it. The event key makes a retried call create nothing new.
import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Logger } from "pino";
import type { Role } from "../auth/rbac.ts";
import type { TenantTx } from "../db/index.ts";
import {
  type EmailStatus,
  type NotificationMode,
  notificationPreferences,
  notifications,
  users,
} from "../db/schema/index.ts";
import { within } from "../outbox/index.ts";
import type { MailQueue } from "./mail-queue.ts";
import { type NotificationType, render } from "./templates.ts";

export interface NotifyInput {
  tenantId: string;
  type: NotificationType;
  /** Stable per event (a share id, a document version, a run id): the same event notifies once. */
  eventKey: string;
  recipients: { userIds?: readonly string[]; roles?: readonly Role[] };
  data: Record<string, unknown>;
}

export interface NotifierDeps {
  databases: { withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> };
  /** Where immediate e-mail is queued; without it (no SMTP configured) e-mail is off. */
  queue?: Pick<MailQueue, "enqueue">;
  logger?: Pick<Logger, "warn">;
  /** How long a caller waits for the queue before leaving the e-mail to the requeue pass. @default 2000 */
  enqueueTimeoutMs?: number;
}

export interface Notifier {
  notify(input: NotifyInput): Promise<{ created: number; queued: number }>;
}

function statusFor(mode: NotificationMode, mail: boolean): EmailStatus {
  if (mode === "off" || !mail) return "off";
  return mode === "digest" ? "digest" : "pending";
}

export function createNotifier(deps: NotifierDeps): Notifier {
  return {
    async notify(input) {
      const { userIds = [], roles = [] } = input.recipients;
      if (userIds.length === 0 && roles.length === 0) return { created: 0, queued: 0 };
      const rendered = render(input.type, input.data);
      const created = await deps.databases.withTenant(input.tenantId, async (tx) => {
        const who: SQL[] = [];
        if (userIds.length > 0) who.push(inArray(users.id, [...userIds]));
        if (roles.length > 0) who.push(inArray(users.role, [...roles]));
        const recipients = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.status, "active"), or(...who)));
        if (recipients.length === 0) return [];
        const ids = recipients.map((r) => r.id);
        const prefs = await tx
          .select()
          .from(notificationPreferences)
          .where(
            and(
              inArray(notificationPreferences.userId, ids),
              inArray(notificationPreferences.eventType, [input.type, "*"]),
            ),
          );
        const modeOf = (userId: string): NotificationMode =>
          prefs.find((p) => p.userId === userId && p.eventType === input.type)?.mode ??
          prefs.find((p) => p.userId === userId && p.eventType === "*")?.mode ??
          "immediate";
        return tx
          .insert(notifications)
          .values(
            ids.map((userId) => ({
              tenantId: input.tenantId,
              userId,
              type: input.type,
              dedupKey: `${input.type}:${input.eventKey}`,
              title: rendered.title,
              body: rendered.body,
              data: input.data,
              emailStatus: statusFor(modeOf(userId), deps.queue !== undefined),
            })),
          )
          .onConflictDoNothing()
          .returning({ id: notifications.id, emailStatus: notifications.emailStatus });
      });
      let queued = 0;
      for (const n of created) {
        if (n.emailStatus !== "pending" || !deps.queue) continue;
        try {
          await within(
            deps.queue.enqueue({ tenantId: input.tenantId, notificationId: n.id }),
            deps.enqueueTimeoutMs ?? 2_000,
            "mail enqueue",
          );
          queued += 1;
        } catch (err) {
          deps.logger?.warn(
            { err: err instanceof Error ? err.message : String(err), notification: n.id },
            "notification e-mail not queued; the requeue pass will",
          );
          break;
        }
      }
      return { created: created.length, queued };
    },
  };
}
