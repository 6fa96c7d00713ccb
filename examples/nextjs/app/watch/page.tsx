import { Viewer } from "./viewer";

export default function WatchPage() {
  return <Viewer />;
}
