/* tandem-save-dialog.h
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

#include <gtk/gtk.h>

#include "tandem-types.h"

G_BEGIN_DECLS

void     tandem_save_dialog_run_async      (GtkWindow            *parent,
                                            GPtrArray            *documents,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean tandem_save_dialog_run_finish     (GAsyncResult         *result,
                                            GError              **error);
void     tandem_save_dialog_save_as_async  (GtkWindow            *parent,
                                            TandemDocument       *document,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean tandem_save_dialog_save_as_finish (GAsyncResult         *result,
                                            GError              **error);
void     tandem_save_dialog_save_async     (GtkWindow            *parent,
                                            TandemDocument       *document,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean tandem_save_dialog_save_finish    (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
