/* tandem-module.h
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Parts that link heavy libraries (the terminal with VTE, the AI assistant with libsoup,
 * json-glib, libsecret and cmark) are shared modules loaded on first use, so that they
 * cost nothing at start-up. Tests link the same code statically. */

gpointer tandem_module_lookup (const char  *module_name,
                               const char  *symbol,
                               GError     **error);

/* A module brings its own stylesheet: adds the CSS resource at @resource_path to the
 * default display, once per process (main thread only). */
void     tandem_module_add_css (const char  *resource_path);

G_END_DECLS
