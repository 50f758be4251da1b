import { DeleteAccountForm, ExportDataCard } from "@/features/auth";

export default function DataSettingsRoute() {
  return (
    <div className="flex flex-col gap-6">
      <ExportDataCard />
      <DeleteAccountForm />
    </div>
  );
}
