export { USER_ROLES, USER_STATUSES } from "./constants.ts";
export { type NewUser, type User, users } from "./user.ts";
