export { describeExample, type ExampleServerOptions, type ExampleUnderTest } from "./suite";
