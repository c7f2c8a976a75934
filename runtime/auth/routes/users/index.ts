import type { App } from "../../../app/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { registerCreateUser } from "./create-user.ts";
import { registerDisableUser } from "./disable-user.ts";
import { registerListUsers } from "./list-users.ts";
import { registerUpdateUser } from "./update-user.ts";

export { CreateUserBody, createUserRoute, registerCreateUser } from "./create-user.ts";
export { disableUserRoute, registerDisableUser } from "./disable-user.ts";
export { ListUsersQuery, listUsersRoute, registerListUsers, UserPageSchema } from "./list-users.ts";
export { UserSchema } from "./schemas.ts";
export { registerUpdateUser, UpdateUserBody, updateUserRoute } from "./update-user.ts";

/** Registers /api/v2/users (tenant admins: users:manage). */
export function registerUserRoutes(deps: AuthRouteDeps): (app: App) => void {
  return (app) => {
    registerCreateUser(app, deps);
    registerListUsers(app, deps);
    registerUpdateUser(app, deps);
    registerDisableUser(app, deps);
  };
}
