/* tandem-file-item.h
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

#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FILE_ITEM (tandem_file_item_get_type ())

G_DECLARE_FINAL_TYPE (TandemFileItem, tandem_file_item, TANDEM, FILE_ITEM, GObject)

TandemFileItem *tandem_file_item_new              (GFile          *file,
                                                   GFileInfo      *info);
GFile          *tandem_file_item_get_file         (TandemFileItem *self);
const char     *tandem_file_item_get_name         (TandemFileItem *self);
const char     *tandem_file_item_get_display_name (TandemFileItem *self);
gboolean        tandem_file_item_get_is_directory (TandemFileItem *self);
gboolean        tandem_file_item_get_is_symlink   (TandemFileItem *self);
GIcon          *tandem_file_item_get_icon         (TandemFileItem *self);
int             tandem_file_item_compare          (gconstpointer   a,
                                                   gconstpointer   b,
                                                   gpointer        user_data);
int             tandem_file_item_compare_names    (const char     *name_a,
                                                   gboolean        is_directory_a,
                                                   const char     *name_b,
                                                   gboolean        is_directory_b);

G_END_DECLS
