import { Footer as FlowbiteFooter, FooterCopyright, FooterLink, FooterLinkGroup } from "flowbite-react";
import { useTranslation } from "react-i18next";

export function Footer() {
  const { t } = useTranslation();
  return (
    <FlowbiteFooter className="rounded-none border-t border-gray-200 bg-white shadow-none">
      <div className="mx-auto flex w-full max-w-6xl flex-col items-center justify-between gap-2 px-4 py-6 sm:flex-row sm:px-6">
        <FooterCopyright by={t("footer.rights")} year={new Date().getFullYear()} />
        <FooterLinkGroup className="gap-4">
          <li className="text-sm text-gray-500">{t("footer.madeFor")}</li>
          {/* A full page load on purpose: the API docs are served by Django, not by the SPA. */}
          <FooterLink href="/api/v1/docs/">{t("footer.apiDocs")}</FooterLink>
        </FooterLinkGroup>
      </div>
    </FlowbiteFooter>
  );
}
