// Dates and times in words through chrono-node: "Tuesday", "the 3rd of May", "next Friday at 5pm",
// "two weeks ago", "Jan 2023", "10:30", plus years that the words around them make dates ("founded
// in 1977", "a 2017 film"). chrono reads a megabyte of "12 12 12" in close to a minute, so it only
// sees short windows around a word that can start a date (a month, a weekday, a relative word, a
// clock time), and at most MAX_WINDOWS of them per text: the numeric patterns (date.ts) still read
// everything.
import * as chrono from "chrono-node";
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Entity, ResolvedOptions } from "../types.ts";
import { DATE_CONTEXT } from "./date.ts";

const CUE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|tomorrow|yesterday|tonight|ago|next|last|noon|midnight|weekend|fortnight)\b|\b\d{1,2}(?::\d{2}|[ ]?[ap]\.?m\b)/gi;
const WINDOW_BEFORE = 32;
const WINDOW_AFTER = 48;
const MAX_WINDOW = 600;
const MAX_WINDOWS = 2000;

// A year the words before it make a date: "in 1977", "since 2001", "born 1950", "a 2017 film".
const YEAR_IN_CONTEXT =
  /\b(?:in|since|of|from|until|till|through|by|during|circa|ca\.|c\.|year|around|about|before|after|early|late|mid-|born|founded|established|est\.|the|a|an)[ ]+((?:19|20)\d{2})(?![\d%]|s\b|['’]s\b|[-/.:]\d|[ ]?(?:percent|per cent|%|km|kg|m\b|miles|people|units|shares|dollars|euros|usd|eur|gbp))/gi;

/** Start and end of the windows chrono reads: around each cue, merged when they touch. */
function windows(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(CUE)) {
    const start = Math.max(0, m.index - WINDOW_BEFORE);
    const end = Math.min(text.length, m.index + m[0].length + WINDOW_AFTER);
    const last = out.at(-1);
    if (last && start <= last[1] && end - last[0] <= MAX_WINDOW) last[1] = end;
    else {
      if (out.length >= MAX_WINDOWS) break;
      out.push([start, end]);
    }
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** ISO 8601 of what the text says, resolved against the reference date where it says less. */
function iso(c: chrono.ParsedComponents, hasDate: boolean): string {
  const d = c.date();
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const timed = c.isCertain("hour");
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${c.isCertain("second") ? `:${pad(d.getSeconds())}` : ""}`;
  if (!hasDate) return `T${time}`;
  if (c.isCertain("year") && c.isCertain("month") && !c.isCertain("day") && !c.isCertain("weekday")) {
    return date.slice(0, 7);
  }
  return timed ? `${date}T${time}` : date;
}

export function detectDateWords(text: string, options: ResolvedOptions): Entity[] {
  const found: Entity[] = [];
  const push = (start: number, end: number, base: number, normalized: string) => {
    const context = findContext(text, start, end, DATE_CONTEXT);
    found.push(
      makeEntity("date", text, start, end, withContext(base, context, 0.09), { normalized, context }),
    );
  };
  for (const [from, to] of windows(text)) {
    const slice = text.slice(from, to);
    for (const r of chrono.parse(slice, options.referenceDate)) {
      const value = r.text;
      // "now" is a moment, not a date to protect; a bare "may" or "sun" is a verb or a star.
      if (/^(?:now|may|sun|sat|mar|wed|jan|march|second)$/i.test(value)) continue;
      // Inside a reference or a code: "RENT-JUNE", "INV/MAY".
      if (
        /[-/_\p{L}\p{N}]/u.test(text[from + r.index - 1] ?? "") ||
        /^[-/_\p{L}\p{N}]/u.test(text.slice(from + r.index + value.length))
      ) {
        continue;
      }
      // An abbreviation in lowercase is a word ("c'mon", "sat down"), not a weekday or a month.
      if (/^[a-z]{3,4}\b\.?,?$/.test(value) || /['’]$/.test(text.slice(from + r.index - 1, from + r.index)))
        continue;
      const c = r.start;
      const hasDate =
        c.isCertain("day") || c.isCertain("month") || c.isCertain("weekday") || c.isCertain("year");
      // A month alone ("in March") is weaker evidence than a day or a weekday.
      const monthOnly = c.isCertain("month") && !c.isCertain("day") && !c.isCertain("year");
      const base = !hasDate
        ? 0.6
        : monthOnly
          ? 0.55
          : c.isCertain("year") || c.isCertain("weekday")
            ? 0.75
            : 0.7;
      const start = from + r.index;
      // A clock time glued to other digits ("1:21:21:2", "v2.10:30") is a number, not a time.
      if (
        !hasDate &&
        (/[\d:.]/.test(text[start - 1] ?? "") || /[\d:]/.test(text[start + value.length] ?? ""))
      )
        continue;
      push(start, start + value.length, base, iso(c, hasDate));
    }
  }
  for (const m of text.matchAll(YEAR_IN_CONTEXT)) {
    const year = m[1] ?? "";
    const start = m.index + m[0].length - year.length;
    push(start, start + year.length, 0.6, year);
  }
  return found;
}
