import { Alert, Button, Card, Spinner } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { useMe } from "../api/get-me";

export function AccountDetails() {
  const { t, i18n } = useTranslation();
  const me = useMe();

  if (me.isPending) {
    return (
      <div role="status" className="py-8">
        <Spinner aria-hidden />
        <span className="sr-only">{t("app.loading")}</span>
      </div>
    );
  }
  if (me.isError) {
    return (
      <Alert color="failure" role="alert">
        <span>{t("errors.loadAccount")}</span>{" "}
        <Button size="xs" color="light" className="mt-2" onClick={() => void me.refetch()}>
          {t("errors.retry")}
        </Button>
      </Alert>
    );
  }

  const account = me.data;
  const memberSince = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "long" }).format(
    new Date(account.date_joined),
  );
  const rows = [
    { key: "username", label: t("account.username"), value: account.username },
    { key: "email", label: t("account.email"), value: account.email },
    { key: "member-since", label: t("account.memberSince"), value: memberSince },
    { key: "id", label: t("account.id"), value: String(account.id) },
  ];

  return (
    <Card className="max-w-2xl">
      <dl className="divide-y divide-gray-100">
        {rows.map(({ key, label, value }) => (
          <div key={key} className="grid grid-cols-1 gap-1 py-3 sm:grid-cols-3 sm:gap-4">
            <dt className="text-sm font-medium text-gray-500">{label}</dt>
            <dd className="text-sm text-gray-900 sm:col-span-2" data-testid={`account-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
