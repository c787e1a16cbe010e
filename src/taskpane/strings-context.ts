import { createContext, useContext } from "react";
import { stringsFor, type Strings } from "./strings";

/** The texts of the pane's language, provided once by App. */
export const StringsContext = createContext<Strings>(stringsFor("zh-CN"));

/** The texts of the pane's language. */
export function useStrings(): Strings {
  return useContext(StringsContext);
}
