// Koa 2 is installed side by side as `koa2@npm:koa@2`; the part of its API the tests use matches Koa 3's types.
declare module "koa2" {
  import Koa from "koa";
  export default Koa;
}
