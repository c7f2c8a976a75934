-- Functions the schema needs before its tables exist (hand-written, applied first).
-- array_to_string is only STABLE; a generated column needs an IMMUTABLE expression.
CREATE OR REPLACE FUNCTION wspec_array_text(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_string($1, ' ') $$;
--> statement-breakpoint
-- The tenant of the current transaction, or NULL when none is set. current_setting(..., true)
-- returns '' (not NULL) once a transaction-local set_config has ended: nullif turns that into
-- NULL, so `tenant_id = wspec_current_tenant()` is never true without a tenant (fail closed).
CREATE OR REPLACE FUNCTION wspec_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
