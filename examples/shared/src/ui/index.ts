export type { ClientOptions, DemoUser, PageConfig } from "./api";
export { DemoApp } from "./DemoApp";
