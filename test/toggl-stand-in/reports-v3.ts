// Reports API v3, detailed report: everyone's finished time entries of a workspace (admins) or the
// caller's own, grouped into rows, in the requesting user's time zone, paged by row number.
import type { ApiContext } from "./context.ts";
import { idParam, jsonBody, Router } from "./http.ts";
import { ApiError, isoInZone, isoOffset, startOfDayInZone, type TimeEntry } from "./state.ts";

const ORDER_BY = ["date", "user", "duration", "description", "last_update"];
const DAY_MS = 86_400_000;

function intList(body: Record<string, unknown>, field: string): (number | null)[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => v !== null && (typeof v !== "number" || !Number.isInteger(v)))) {
    throw new ApiError(400, `Invalid '${field}' value`);
  }
  return value as (number | null)[];
}

function date(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ApiError(400, `Invalid '${field}' value, allowed values are: 'YYYY-MM-DD'`);
  }
  return value;
}

export function reportsRoutes(router: Router<ApiContext>) {
  router.on("POST", "/reports/api/v3/workspace/:workspace_id/search/time_entries", (req, ctx) => {
    const wid = idParam(req, "workspace_id");
    const ws = ctx.state.workspaces.get(wid);
    if (!ws || !ctx.state.isMember(ws.id, ctx.user.id)) throw new ApiError(403, "Workspace not found/accessible");
    const parsed = jsonBody(req);
    if (parsed !== undefined && (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)))
      throw new ApiError(400, "Invalid JSON input");
    const body = (parsed ?? {}) as Record<string, unknown>;
    if (Object.keys(body).length === 0) throw new ApiError(400, "At least one parameter must be set");

    const tz = ctx.user.timezone;
    const startDate = date(body, "start_date");
    const endDate = date(body, "end_date");
    if (startDate && endDate && startDate > endDate)
      throw new ApiError(400, "Invalid 'start_date' value, allowed values are: 'before end_date'");
    const from = startDate ? startOfDayInZone(startDate, tz) : null;
    // end_date is inclusive: the whole day in the user's zone.
    const to = endDate ? startOfDayInZone(endDate, tz) + DAY_MS : null;
    const orderBy = (body.order_by as string | undefined) ?? "date";
    if (!ORDER_BY.includes(orderBy))
      throw new ApiError(400, `Invalid 'order_by' value, allowed values are: '${ORDER_BY.join(", ")}'`);
    const requestedDir = body.order_dir ?? "DESC";
    const orderDir = typeof requestedDir === "string" ? requestedDir.toUpperCase() : "";
    if (orderDir !== "ASC" && orderDir !== "DESC")
      throw new ApiError(400, "Invalid 'order_dir' value, allowed values are: 'ASC, DESC'");
    const pageSize = body.page_size === undefined ? 50 : Number(body.page_size);
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new ApiError(400, "Invalid 'page_size' value");
    const firstRow =
      body.first_row_number === undefined || body.first_row_number === null ? 1 : Number(body.first_row_number);
    if (!Number.isInteger(firstRow) || firstRow < 1) throw new ApiError(400, "Invalid 'first_row_number' value");

    const userIds = intList(body, "user_ids");
    const projectIds = intList(body, "project_ids");
    const taskIds = intList(body, "task_ids");
    const clientIds = intList(body, "client_ids");
    const tagIds = intList(body, "tag_ids");
    const entryIds = intList(body, "time_entry_ids");
    const description = typeof body.description === "string" ? body.description.toLowerCase() : undefined;
    const billable = typeof body.billable === "boolean" ? body.billable : undefined;
    const isAdmin = ws.members.get(ctx.user.id)!.admin;
    const clientOf = (te: TimeEntry) =>
      te.projectId === null ? null : (ctx.state.projects.get(te.projectId)?.clientId ?? null);

    const entries = [...ctx.state.timeEntries.values()]
      .filter((te) => te.wid === wid && te.stop !== null && te.deletedAt === null)
      // A non-admin's report holds only their own entries.
      .filter((te) => isAdmin || te.uid === ctx.user.id)
      .filter((te) => (from === null || te.start >= from) && (to === null || te.start < to))
      .filter((te) => !userIds || userIds.includes(te.uid))
      .filter((te) => !projectIds || projectIds.includes(te.projectId))
      .filter((te) => !taskIds || taskIds.includes(te.taskId))
      .filter((te) => !clientIds || clientIds.includes(clientOf(te)))
      .filter(
        (te) => !tagIds || (te.tagIds.length === 0 ? tagIds.includes(null) : te.tagIds.some((t) => tagIds.includes(t))),
      )
      .filter((te) => !entryIds || entryIds.includes(te.id))
      .filter((te) => description === undefined || (te.description ?? "").toLowerCase().includes(description))
      .filter((te) => billable === undefined || te.billable === billable);

    const dir = orderDir === "ASC" ? 1 : -1;
    const key: Record<string, (te: TimeEntry) => number | string> = {
      date: (te) => te.start,
      user: (te) => ctx.state.users.get(te.uid)?.fullname ?? "",
      duration: (te) => te.duration,
      description: (te) => te.description ?? "",
      last_update: (te) => te.at,
    };
    const k = key[orderBy]!;
    entries.sort((a, b) => {
      const x = k(a);
      const y = k(b);
      return dir * (x < y ? -1 : x > y ? 1 : 0) || dir * (a.start - b.start) || a.id - b.id;
    });

    // Entries sharing user, project, task, description, billable and tags form one row, placed
    // where its first entry falls in the order.
    const rows: { key: string; entries: TimeEntry[] }[] = [];
    const byKey = new Map<string, { key: string; entries: TimeEntry[] }>();
    for (const te of entries) {
      const groupKey = JSON.stringify([
        te.uid,
        te.projectId,
        te.taskId,
        te.description,
        te.billable,
        [...te.tagIds].sort((a, b) => a - b),
      ]);
      let row = byKey.get(groupKey);
      if (!row) {
        row = { key: groupKey, entries: [] };
        byKey.set(groupKey, row);
        rows.push(row);
      }
      row.entries.push(te);
    }

    const page = rows.slice(firstRow - 1, firstRow - 1 + pageSize);
    const headers: Record<string, string> = {};
    const next = rows[firstRow - 1 + pageSize];
    if (next) {
      headers["X-Next-ID"] = String(next.entries[0]!.id);
      headers["X-Next-Row-Number"] = String(firstRow + pageSize);
    }
    if (startDate) headers["X-Range-Start"] = startDate;
    if (endDate) headers["X-Range-End"] = endDate;

    const body200 = page.map((row, i) => {
      const first = row.entries[0]!;
      const user = ctx.state.users.get(first.uid);
      return {
        user_id: first.uid,
        username: user?.fullname ?? "",
        project_id: first.projectId,
        task_id: first.taskId,
        billable: first.billable,
        description: first.description ?? "",
        tag_ids: [...first.tagIds].sort((a, b) => a - b),
        billable_amount_in_cents: null,
        hourly_rate_in_cents: null,
        currency: "USD",
        time_entries: row.entries.map((te) => ({
          id: te.id,
          seconds: te.duration,
          start: isoInZone(te.start, tz),
          stop: isoInZone(te.stop!, tz),
          at: isoOffset(te.at),
          at_tz: isoInZone(te.at, tz),
        })),
        row_number: firstRow + i,
      };
    });
    return { status: 200, body: body200, headers };
  });
}
