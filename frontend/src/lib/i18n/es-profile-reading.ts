import type { TranslationResource } from "./en";

/** Spanish strings of a reader's reading life on their profile (spread into `es`). */
export const profileReadingEs: Pick<TranslationResource, "profileReading"> = {
  profileReading: {
    sections: "Lecturas",
    tabs: {
      library: "Biblioteca",
      reviews: "Reseñas",
      activity: "Actividad",
    },
    editLibrary: "Editar mi biblioteca",
    privacy: {
      private: "@{{username}} mantiene sus lecturas en privado: solo ves lo que comparte con todo el mundo.",
      followers: "@{{username}} comparte sus lecturas con sus seguidores: solo ves lo que comparte con todo el mundo.",
      followToSee: "Síguele para ver más cuando acepte.",
    },
    unavailable: "No puedes ver las lecturas de esta persona.",
    pageGone: "Esa página no existe.",
    firstPage: "Ir a la primera página",
    library: {
      heading: "Biblioteca",
      statusFilter: "Filtrar por estado",
      all: "Todos",
      count_one: "{{count}} libro",
      count_other: "{{count}} libros",
      entries: "Libros de la biblioteca de @{{username}}",
      empty: "No hay libros que mostrar aquí.",
      emptySelf: "Tu biblioteca aún no tiene libros aquí.",
      emptyRestricted: "@{{username}} no comparte contigo libros de aquí.",
      shelves: "Estanterías",
      allShelves: "Todas las estanterías",
      shelfCount: "{{name}} ({{count}})",
      shelfGone: "Esta estantería no está disponible. Muestra todos los libros.",
      showAll: "Ver todos los libros",
    },
    reviews: {
      heading: "Reseñas",
      empty: "No hay reseñas que mostrar.",
      emptySelf: "Aún no has reseñado ningún libro.",
      emptyRestricted: "@{{username}} no comparte reseñas contigo.",
      list: "Reseñas de @{{username}}",
      ofBook: "Reseña de {{title}}",
    },
    activity: {
      heading: "Actividad",
      empty: "No hay actividad que mostrar.",
      emptySelf: "Nada todavía: aquí aparece lo que lees, valoras y reseñas.",
      emptyRestricted: "@{{username}} no comparte actividad contigo.",
      list: "Actividad de @{{username}}",
      loadMore: "Ver actividad anterior",
      loadingMore: "Cargando actividad anterior…",
      loadMoreFailed: "No se pudo cargar la actividad anterior.",
      end: "Eso es todo.",
    },
  },
};
