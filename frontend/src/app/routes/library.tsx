import { LibraryView } from "@/features/library";

export default function LibraryRoute() {
  return <LibraryView />;
}
