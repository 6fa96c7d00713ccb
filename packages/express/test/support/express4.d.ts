// Express 4 is installed side by side as `express4@npm:express@4`; its API matches the Express types we use.
declare module "express4" {
  import express from "express";
  export default express;
}
