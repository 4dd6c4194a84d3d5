export * from "./users";
export * from "./systems";
export * from "./escalations";
export * from "./reviews";
export * from "./audit";
export * from "./metrics";
export * from "./qualifications";
export * from "./retention";
