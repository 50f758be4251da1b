import { Button, Spinner } from "flowbite-react";
import type { ComponentProps, ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface SubmitButtonProps extends Omit<ComponentProps<typeof Button>, "type"> {
  pending: boolean;
  children: ReactNode;
}

/** A form's submit button; disabled with a spinner while the request runs. */
export function SubmitButton({ pending, children, ...props }: SubmitButtonProps) {
  const { t } = useTranslation();
  return (
    <Button type="submit" disabled={pending} {...props}>
      {pending ? (
        <>
          <Spinner size="sm" className="me-2" aria-hidden />
          {t("auth.submitting")}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
