// The JSON API as the pages use it: the session cookie is sent by the
// browser; writes carry the CSRF token the sign-in (or /api/me) returned.
import { _ } from './i18n.js';
let csrf = null;

export function setCsrf(token) { csrf = token; }

// data: the answer's body (a write that names its bad fields gives
// errors: [{field, reason, message}]).
export class ApiError extends Error {
  constructor(status, message, data) { super(message); this.status = status; this.data = data; }
}

export async function api(method, path, body) {
  const opts = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  if (method !== 'GET' && csrf) opts.headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, opts);
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || _('服务器错误 {status}', { status: res.status }), data);
  return data;
}

// Upload one file as the raw body (the server streams it to disk, checks
// its type by content and answers with the attachment).
export async function upload(file, unit) {
  return sendFile('/api/attachments', file, unit ? `unit=${unit}` : '');
}

// Send a file as the raw body of POST path?name=…&query: an attachment,
// or a register's file to import (the server streams either to disk).
export async function sendFile(path, file, query = '') {
  const q = `name=${encodeURIComponent(file.name)}${query ? `&${query}` : ''}`;
  const headers = { 'Content-Type': file.type || 'application/octet-stream' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(`${path}?${q}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || _('上传失败（{status}）', { status: res.status }), data);
  return data;
}
