// Recovery of a stack whose update died with its process (SIGKILL, OOM, node lost). The engine
// leaves a lock and pending operations in the checkpoint; the next update then fails at once
// with ConcurrentUpdateError. Call this only when no update of this stack can still be running
// (the operator holds the leader lease and has no operation in flight for the stack).
import type { Stack } from "@pulumi/pulumi/automation/index.js";

export interface StackRecovery {
  /** Whether a lock was found and removed. */
  readonly lockCleared: boolean;
  /** Operations the dead update had started but not recorded (type and URN). */
  readonly pendingOperations: ReadonlyArray<{ type: string; urn: string }>;
}

interface PendingOperation {
  type: string;
  resource: { urn: string };
}

export async function recoverStack(stack: Stack): Promise<StackRecovery> {
  let lockCleared = true;
  try {
    await stack.cancel();
  } catch (err) {
    // The CLI refuses when there is nothing to cancel; anything else is a real failure.
    if (
      !/no (update|stack operation) (is )?(currently )?in progress|not currently locked|no lock/i.test(
        String(err),
      )
    ) {
      throw new Error(`could not clear the lock of stack ${stack.name}: ${String(err)}`);
    }
    lockCleared = false;
  }
  const state = await stack.exportStack();
  const pending: PendingOperation[] = state.deployment?.pending_operations ?? [];
  if (pending.length > 0) {
    // A pending create may have reached the cloud: refresh after import lets the provider's read
    // find it again where it can; idempotent providers adopt it on the next up.
    state.deployment.pending_operations = [];
    await stack.importStack(state);
    await stack.refresh();
  }
  return {
    lockCleared,
    pendingOperations: pending.map((p) => ({ type: p.type, urn: p.resource.urn })),
  };
}
