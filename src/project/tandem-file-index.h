/* tandem-file-index.h
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

typedef struct
{
  char   *path;       /* relative to the project root */
  int     score;
  GArray *positions;  /* guint byte offsets in path that matched */
} TandemFileMatch;

void tandem_file_match_free (TandemFileMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemFileMatch, tandem_file_match_free)

#define TANDEM_FILE_INDEX_MAX_FILES 200000

#define TANDEM_TYPE_FILE_INDEX (tandem_file_index_get_type ())

G_DECLARE_FINAL_TYPE (TandemFileIndex, tandem_file_index, TANDEM, FILE_INDEX, GObject)

TandemFileIndex *tandem_file_index_new           (GFile               *root);
GFile           *tandem_file_index_get_root      (TandemFileIndex     *self);
void             tandem_file_index_refresh_async (TandemFileIndex     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         tandem_file_index_refresh_finish (TandemFileIndex    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
guint            tandem_file_index_get_n_files   (TandemFileIndex     *self);
void             tandem_file_index_query_async   (TandemFileIndex     *self,
                                                  const char          *query,
                                                  guint                max_results,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray       *tandem_file_index_query_finish  (TandemFileIndex     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
