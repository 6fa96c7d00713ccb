/**
 * The examples that become templates, in the order the prompt offers them. Each `name` is a folder under
 * `examples/`; one that does not exist when the package is built is left out, so adding a template is one line.
 */
export const TEMPLATE_SOURCES = [
  { name: "express-react", title: "Express + React (Vite)" },
  { name: "koa-react", title: "Koa + React (Vite)" },
  { name: "fastify-react", title: "Fastify + React (Vite)" },
  { name: "nextjs", title: "Next.js (App Router)" },
] as const;
