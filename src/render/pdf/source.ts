// What drawing a document description needs from the plan besides its nodes (draw.ts, changes.ts):
// its own module, so the two import it without importing each other.
import type { Phase } from "../../model/schema.js";
import type { Period } from "./schedule.js";

export interface DrawSource {
  /** The page set-up in the theme. */
  kind: string;
  /** The plan period and each project's schedule by its No, for cards with a schedule strip. */
  period?: Period;
  schedule?(no: number): readonly Phase[] | undefined;
  /** The categories the legend at node `index` lists (what its part of the document draws); all when absent. */
  legendCategories?(index: number): ReadonlySet<string> | undefined;
  /**
   * The continued parts of rows of lines (a progress row's departments) that a layout put on the
   * same page as the part before them (continuationsOnTheirPage): drawn as one row with it, their
   * first cells blank instead of repeated in grey.
   */
  sameRow?: ReadonlySet<string>;
}
