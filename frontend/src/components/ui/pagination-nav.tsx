import { Button } from "flowbite-react";
import { useTranslation } from "react-i18next";

interface PaginationNavProps {
  page: number;
  /** The API's `next` and `previous` links: only whether they exist matters. */
  hasNext: boolean;
  hasPrevious: boolean;
  onPageChange: (page: number) => void;
}

/** Previous / next for a page-number list; renders nothing when everything fits on one page. */
export function PaginationNav({ page, hasNext, hasPrevious, onPageChange }: PaginationNavProps) {
  const { t } = useTranslation();
  if (!hasNext && !hasPrevious) return null;
  return (
    <nav aria-label={t("pagination.label")} className="mt-6 flex items-center justify-between gap-3">
      <Button color="light" size="sm" disabled={!hasPrevious} onClick={() => onPageChange(page - 1)}>
        {t("pagination.previous")}
      </Button>
      <span className="text-sm text-gray-600">{t("pagination.page", { page })}</span>
      <Button color="light" size="sm" disabled={!hasNext} onClick={() => onPageChange(page + 1)}>
        {t("pagination.next")}
      </Button>
    </nav>
  );
}
