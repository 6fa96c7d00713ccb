export { App } from "./App";
export type { ClientOptions, DemoUser, PageConfig } from "./api";
export { DemoApp } from "./DemoApp";
export { ViewerApp } from "./ViewerApp";
