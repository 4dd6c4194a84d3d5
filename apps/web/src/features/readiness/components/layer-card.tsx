import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "../../../components/ui/badge";

type Props = {
  id: string;
  layer: string;
  question: string;
  answer: { text: string; tone: BadgeTone };
  children: ReactNode;
};

/** One layer of the operating model: its question, a short answer in words, and the live figures behind it. */
export function LayerCard({ id, layer, question, answer, children }: Props) {
  return (
    <section className="layer card" aria-labelledby={`${id}-question`}>
      <p className="layer-name">{layer}</p>
      <h2 id={`${id}-question`} className="layer-question">
        {question}
      </h2>
      <p className="layer-answer">
        <Badge tone={answer.tone}>{answer.text}</Badge>
      </p>
      {children}
    </section>
  );
}

/** The figures of a layer as label/value pairs. */
export function Facts({ children, label }: { children: ReactNode; label: string }) {
  return (
    <dl className="layer-facts" aria-label={label}>
      {children}
    </dl>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="layer-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
