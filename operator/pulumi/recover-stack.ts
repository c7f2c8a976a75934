// Recovery of a stack whose update died with its process (SIGKILL, OOM, node lost). The engine
// leaves a lock and pending operations in the checkpoint; the next update then fails at once
// with ConcurrentUpdateError. Call this only when no update of this stack can still be running
// (the operator holds the leader lease and has no operation in flight for the stack).
import type { Stack } from "@pulumi/pulumi/automation/index.js";

export interface StackRecovery {
  /** Operations the dead update had started but not recorded (type and URN). */
  readonly pendingOperations: ReadonlyArray<{ type: string; urn: string }>;
}

interface PendingOperation {
  type: string;
  resource: { urn: string };
}

export async function recoverStack(stack: Stack): Promise<StackRecovery> {
  try {
    // Removes the dead update's lock (the file backend answers success when there is none).
    await stack.cancel();
  } catch (err) {
    // Service backends refuse when nothing is running; anything else is a real failure.
    if (
      !/no (update|stack operation)s? (is )?(currently )?in progress|not currently locked/i.test(String(err))
    ) {
      throw new Error(`could not clear the lock of stack ${stack.name}: ${String(err)}`);
    }
  }
  const state = await stack.exportStack();
  const pending: PendingOperation[] = state.deployment?.pending_operations ?? [];
  if (pending.length > 0) {
    // A pending create may have reached the target: refresh after import lets each provider's
    // read find what exists; idempotent providers adopt the rest on the next up.
    state.deployment.pending_operations = [];
    await stack.importStack(state);
    await stack.refresh();
  }
  return { pendingOperations: pending.map((p) => ({ type: p.type, urn: p.resource.urn })) };
}
