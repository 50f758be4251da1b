import { Button, FileInput, HelperText, Label } from "flowbite-react";
import { useEffect, useState, type ChangeEvent } from "react";
import Cropper, { type Area, type MediaSize } from "react-easy-crop";
import { useTranslation } from "react-i18next";

import { FormAlert } from "@/components/form/form-alert";
import { UserAvatar } from "@/components/ui/user-avatar";
import { parseApiError } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";

import { useDeleteAvatar, useUploadAvatar } from "../api/upload-avatar";
import type { Me } from "../types";
import { AVATAR_MAX_BYTES, AVATAR_TYPES, toCropBox } from "./avatar-crop";

const PREVIEW_PX = 96;

interface Selection {
  file: File;
  url: string;
}

/** Pick an image, drag and zoom a square over it, see the result, upload it. */
export function AvatarEditor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const upload = useUploadAvatar();
  const remove = useDeleteAvatar();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const [crop, setCrop] = useState({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);
  const [area, setArea] = useState<Area | null>(null);
  const [media, setMedia] = useState<MediaSize | null>(null);

  // Object URLs hold the file in memory until revoked.
  useEffect(() => (selection ? () => URL.revokeObjectURL(selection.url) : undefined), [selection]);

  const serverErrors = upload.error ? parseApiError(upload.error) : null;
  const fieldErrors = serverErrors?.fieldErrors.avatar ?? [];
  const formErrors = formLevelMessages(serverErrors, ["avatar"], t);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    upload.reset();
    setClientError(null);
    if (!file) return;
    if (!AVATAR_TYPES.includes(file.type)) {
      setClientError(t("avatar.wrongType"));
      return;
    }
    if (file.size > AVATAR_MAX_BYTES) {
      setClientError(t("avatar.tooLarge"));
      return;
    }
    setSelection({ file, url: URL.createObjectURL(file) });
    setCrop({ x: 0, y: 0 });
    setZoom(1);
    setArea(null);
    setMedia(null);
  };

  const onUpload = () => {
    if (!selection) return;
    upload.mutate(
      { file: selection.file, crop: area ? toCropBox(area) : null },
      {
        onSuccess: () => {
          setSelection(null);
          setArea(null);
        },
      },
    );
  };

  const errors = [...(clientError ? [clientError] : []), ...fieldErrors];
  const box = area ? toCropBox(area) : null;
  const scale = box ? PREVIEW_PX / box.size : 1;

  return (
    <section aria-labelledby="avatar-heading" className="flex flex-col gap-4">
      <h2 id="avatar-heading" className="text-lg font-semibold text-gray-900">
        {t("avatar.title")}
      </h2>
      <div className="flex items-center gap-4">
        <UserAvatar username={me.username} avatar={me.profile.avatar} size="md" />
        {me.profile.avatar && !selection ? (
          <Button color="light" size="xs" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t("avatar.remove")}
          </Button>
        ) : null}
      </div>
      <div>
        <Label htmlFor="field-avatar">{t("avatar.choose")}</Label>
        <FileInput
          id="field-avatar"
          className="mt-2"
          accept={AVATAR_TYPES.join(",")}
          onChange={onFile}
          color={errors.length ? "failure" : "gray"}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={errors.length ? "field-avatar-errors" : "field-avatar-help"}
        />
        {errors.length ? (
          <HelperText id="field-avatar-errors" color="failure">
            {errors.map((message) => (
              <span key={message} className="block">
                {message}
              </span>
            ))}
          </HelperText>
        ) : (
          <HelperText id="field-avatar-help">{t("avatar.help")}</HelperText>
        )}
      </div>
      <FormAlert messages={formErrors} />
      {selection ? (
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <div className="flex w-full max-w-sm flex-col gap-3">
            <div className="relative h-64 w-full overflow-hidden rounded-lg bg-gray-900 sm:h-72" data-testid="avatar-cropper">
              <Cropper
                image={selection.url}
                crop={crop}
                zoom={zoom}
                aspect={1}
                cropShape="round"
                showGrid={false}
                onCropChange={setCrop}
                onZoomChange={setZoom}
                onCropComplete={(_, pixels) => setArea(pixels)}
                onMediaLoaded={setMedia}
              />
            </div>
            <Label htmlFor="avatar-zoom">{t("avatar.zoom")}</Label>
            <input
              id="avatar-zoom"
              type="range"
              min={1}
              max={3}
              step={0.05}
              value={zoom}
              onChange={(event) => setZoom(Number(event.target.value))}
              className="w-full accent-blue-700"
            />
          </div>
          <div className="flex flex-col items-start gap-3">
            <p className="text-sm font-medium text-gray-700">{t("avatar.preview")}</p>
            <div
              className="relative overflow-hidden rounded-full bg-gray-100"
              style={{ width: PREVIEW_PX, height: PREVIEW_PX }}
              data-testid="avatar-preview"
            >
              {box && media ? (
                <img
                  src={selection.url}
                  alt={t("avatar.preview")}
                  className="absolute max-w-none"
                  style={{
                    width: media.naturalWidth * scale,
                    height: media.naturalHeight * scale,
                    left: -box.x * scale,
                    top: -box.y * scale,
                  }}
                />
              ) : null}
            </div>
            <div className="flex gap-2">
              <Button size="sm" disabled={upload.isPending} onClick={onUpload}>
                {upload.isPending ? t("auth.submitting") : t("avatar.upload")}
              </Button>
              <Button size="sm" color="light" disabled={upload.isPending} onClick={() => setSelection(null)}>
                {t("avatar.cancel")}
              </Button>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
