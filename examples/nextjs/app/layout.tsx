import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "@examples/shared/ui/styles.css";

export const metadata: Metadata = { title: "Realtime Studio · Next.js" };
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b0d12" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
