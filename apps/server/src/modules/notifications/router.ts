import {
  addTeamChannelInputSchema,
  removeTeamChannelInputSchema,
  setPersonalChatInputSchema,
  setPreferencesInputSchema,
} from "@countersign/shared/notifications";
import { procedureWith, router } from "../../trpc/init";
import { addTeamChannel, listTeamChannels, personalChatOf, removePersonalChat, removeTeamChannel, setPersonalChat } from "./chat-webhooks";
import { notificationHealth } from "./deliveries";
import { preferencesOf, setPreferences } from "./preferences";
import { notificationSettings } from "./settings";

export const notificationsRouter = router({
  mine: procedureWith("manageOwnNotifications").query(async ({ ctx }) => {
    const settings = notificationSettings(ctx.deps.db);
    return {
      preferences: await preferencesOf(ctx.deps.db, ctx.user.id),
      personalChat: await personalChatOf(ctx.deps.db, ctx.user.id),
      emailConfigured: settings.smtpUrl !== undefined,
      linksConfigured: settings.publicUrl !== undefined,
    };
  }),
  setPreferences: procedureWith("manageOwnNotifications")
    .input(setPreferencesInputSchema)
    .mutation(({ ctx, input }) => setPreferences(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  setPersonalChat: procedureWith("manageOwnNotifications")
    .input(setPersonalChatInputSchema)
    .mutation(({ ctx, input }) => setPersonalChat(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  removePersonalChat: procedureWith("manageOwnNotifications").mutation(async ({ ctx }) => {
    await removePersonalChat(ctx.deps, { type: "user", id: ctx.user.id });
    return { ok: true };
  }),
  health: procedureWith("manageNotifications").query(({ ctx }) => notificationHealth(ctx.deps.db)),
  teamChannels: procedureWith("manageNotifications").query(({ ctx }) => listTeamChannels(ctx.deps.db)),
  addTeamChannel: procedureWith("manageNotifications")
    .input(addTeamChannelInputSchema)
    .mutation(({ ctx, input }) => addTeamChannel(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  removeTeamChannel: procedureWith("manageNotifications").input(removeTeamChannelInputSchema).mutation(async ({ ctx, input }) => {
    await removeTeamChannel(ctx.deps, { type: "user", id: ctx.user.id }, input.channelId);
    return { ok: true };
  }),
});
