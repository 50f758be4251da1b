interface BookCoverProps {
  url: string;
  title: string;
  className?: string;
}

/** A book's cover (the API gives a placeholder card when there is none). */
export function BookCover({ url, title, className = "h-24 w-16" }: BookCoverProps) {
  return (
    <img
      src={url}
      alt=""
      title={title}
      loading="lazy"
      className={`shrink-0 rounded border border-gray-200 bg-gray-100 object-cover shadow-sm ${className}`}
    />
  );
}
