import { useEffect, useRef } from "react";

interface InViewOptions {
  enabled?: boolean;
  rootMargin?: string;
  /** Watch afresh when this changes: an element still in view after a load is reported again. */
  resetKey?: unknown;
}

/**
 * Call `onVisible` whenever the returned ref's element scrolls into view (or near it: `rootMargin`).
 * Without IntersectionObserver (old browsers, tests) nothing happens, and a button does the job.
 */
export function useInView<T extends Element>(onVisible: () => void, { enabled = true, rootMargin = "400px", resetKey }: InViewOptions = {}) {
  const ref = useRef<T | null>(null);
  const callback = useRef(onVisible);

  useEffect(() => {
    callback.current = onVisible;
  });

  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) callback.current();
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled, rootMargin, resetKey]);

  return ref;
}
