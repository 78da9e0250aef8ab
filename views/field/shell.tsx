// The page of the advisor's offline app: the staff frame, and the element the app draws its
// screens in. The service worker keeps a copy of this page; without JavaScript it says what to use.
import { vi } from "../messages.ts";
import { StaffPage, type Me } from "../staff/common.tsx";

const m = vi.offline.field;

export function FieldShellPage(props: { me: Me & { id: number }; app: { manifest: string; script: string } }) {
  return (
    <StaffPage me={props.me} title={m.title} app={props.app}>
      <div id="field-app" data-staff-id={String(props.me.id)}>
        <p class="muted">{m.loading}</p>
      </div>
      <noscript>
        <p class="alert">{m.noScript}</p>
      </noscript>
    </StaffPage>
  );
}
