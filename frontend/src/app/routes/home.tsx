import { Button, Card } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { paths } from "@/config/paths";
import { selectIsAuthenticated, useAuthStore, useMe } from "@/features/auth";
import { Feed } from "@/features/feed";

// Outline icons (24x24, stroke) for the three feature cards.
const ICON_PATHS = {
  library: "M4 19.5V5a2 2 0 0 1 2-2h4v16H6a2 2 0 0 0-2 2zm6-16.5h8a2 2 0 0 1 2 2v14.5a2 2 0 0 0-2-2h-8M14 7h3M14 11h3",
  reviews:
    "M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z",
  friends:
    "M16 19v-1.5a3.5 3.5 0 0 0-3.5-3.5h-5A3.5 3.5 0 0 0 4 17.5V19M10 10.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM20 19v-1.5a3.5 3.5 0 0 0-2.5-3.35M15.5 4.65a3 3 0 0 1 0 5.7",
} as const;

function FeatureIcon({ name }: { name: keyof typeof ICON_PATHS }) {
  return (
    <span className="flex h-11 w-11 items-center justify-center rounded-lg bg-blue-100 text-blue-700">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={1.7}>
        <path d={ICON_PATHS[name]} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}

function FeatureCards() {
  const { t } = useTranslation();
  const features = [
    { title: t("home.features.libraryTitle"), text: t("home.features.libraryText"), icon: "library" },
    { title: t("home.features.reviewsTitle"), text: t("home.features.reviewsText"), icon: "reviews" },
    { title: t("home.features.friendsTitle"), text: t("home.features.friendsText"), icon: "friends" },
  ] as const;
  return (
    <div className="mt-12 grid gap-6 md:grid-cols-3">
      {features.map((feature) => (
        <Card key={feature.title}>
          <FeatureIcon name={feature.icon} />
          <h2 className="text-lg font-semibold text-gray-900">{feature.title}</h2>
          <p className="text-gray-600">{feature.text}</p>
        </Card>
      ))}
    </div>
  );
}

export default function HomeRoute() {
  const { t } = useTranslation();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const me = useMe();

  return (
    <>
      <section className="rounded-2xl bg-gradient-to-br from-blue-700 to-indigo-800 px-6 py-12 text-white shadow-lg sm:px-12 sm:py-16">
        {isAuthenticated ? (
          <>
            <h1 className="text-3xl font-extrabold tracking-tight break-words sm:text-4xl" data-testid="home-greeting">
              {t("home.greeting", { username: me.data?.username ?? "" })}
            </h1>
            <p className="mt-4 max-w-2xl text-lg text-blue-100">{t("feed.lead")}</p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Button as={Link} to={paths.library.getHref()} color="light" className="w-fit">
                {t("feed.ctaLibrary")}
              </Button>
              <Button
                as={Link}
                to={paths.people.getHref()}
                color="alternative"
                className="w-fit border-white/40 bg-transparent text-white hover:bg-white/10 hover:text-white"
              >
                {t("feed.findPeople")}
              </Button>
            </div>
          </>
        ) : (
          <>
            <h1 className="text-3xl font-extrabold tracking-tight sm:text-5xl">{t("home.title")}</h1>
            <p className="mt-4 max-w-2xl text-lg text-blue-100">{t("home.lead")}</p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Button as={Link} to={paths.auth.register.getHref()} color="light" className="w-fit">
                {t("home.ctaRegister")}
              </Button>
              <Button
                as={Link}
                to={paths.auth.login.getHref()}
                color="alternative"
                className="w-fit border-white/40 bg-transparent text-white hover:bg-white/10 hover:text-white"
              >
                {t("home.ctaLogin")}
              </Button>
            </div>
          </>
        )}
      </section>
      {isAuthenticated ? (
        <div className="mt-10">
          <Feed />
        </div>
      ) : (
        <FeatureCards />
      )}
    </>
  );
}
