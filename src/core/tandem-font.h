/* tandem-font.h
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

/* The editor and the terminal share one font setting: the desktop's monospace font, or
 * the custom font from Preferences. */
#define TANDEM_SYSTEM_FONT_KEY "monospace-font-name"

GSettings *tandem_font_new_desktop_settings (void);
char      *tandem_font_dup_monospace        (GSettings *settings,
                                             GSettings *desktop_settings);

G_END_DECLS
