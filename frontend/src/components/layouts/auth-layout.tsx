import { Card } from "flowbite-react";
import type { ReactNode } from "react";

interface AuthLayoutProps {
  title: string;
  children: ReactNode;
}

/** A centred card for the login and register forms. */
export function AuthLayout({ title, children }: AuthLayoutProps) {
  return (
    <div className="mx-auto w-full max-w-md">
      <Card>
        <h1 className="mb-2 text-2xl font-bold tracking-tight text-gray-900">{title}</h1>
        {children}
      </Card>
    </div>
  );
}
