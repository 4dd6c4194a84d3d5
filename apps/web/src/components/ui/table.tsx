import type { ComponentProps } from "react";

/** A dense data table. Numeric columns take `num` so they right-align with tabular figures. */
export function Table({ className, ...rest }: ComponentProps<"table">) {
  return (
    <div className="table-wrap">
      <table className={["table", className].filter(Boolean).join(" ")} {...rest} />
    </div>
  );
}

export function Th({ num, className, ...rest }: ComponentProps<"th"> & { num?: boolean }) {
  return <th scope="col" className={[num ? "num" : undefined, className].filter(Boolean).join(" ")} {...rest} />;
}

export function Td({ num, className, ...rest }: ComponentProps<"td"> & { num?: boolean }) {
  return <td className={[num ? "num" : undefined, className].filter(Boolean).join(" ")} {...rest} />;
}
