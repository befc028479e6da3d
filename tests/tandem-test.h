/* tandem-test.h
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

/* Call first in main(): gives the test a fresh HOME and XDG_* dirs in a temporary folder
 * (removed at exit unless TANDEM_TEST_KEEP is set), then calls g_test_init(). */
void      tandem_test_init             (int          *argc,
                                        char       ***argv);
/* Like tandem_test_init(), then gtk_init() and loads the app's resources and CSS. */
void      tandem_test_init_gtk         (int          *argc,
                                        char       ***argv);
/* The temporary root of this test run. */
const char *tandem_test_get_tmpdir     (void);
/* A new empty folder inside the run's temp dir. */
char     *tandem_test_make_dir         (const char   *name);
/* Writes @contents to @dir/@relpath, creating parent folders. */
GFile    *tandem_test_write_file       (const char   *dir,
                                        const char   *relpath,
                                        const char   *contents,
                                        gssize        len);
/* Iterates the default main context until @done is TRUE or @timeout_ms passes.
 * Returns FALSE on timeout. */
gboolean  tandem_test_wait_for         (gboolean     *done,
                                        guint         timeout_ms);
/* Iterates until @predicate(@data) is TRUE or the timeout passes. */
gboolean  tandem_test_wait_until       (gboolean    (*predicate) (gpointer data),
                                        gpointer      data,
                                        guint         timeout_ms);
/* Spins the main loop for @ms milliseconds. */
void      tandem_test_spin             (guint         ms);
/* A GAsyncReadyCallback that stores the result (a ref) in *(GAsyncResult **)user_data. */
void      tandem_test_store_result_cb  (GObject      *source,
                                        GAsyncResult *result,
                                        gpointer      user_data);
/* Waits for an async result stored with tandem_test_store_result_cb(). */
GAsyncResult *tandem_test_wait_result  (GAsyncResult **slot,
                                        guint          timeout_ms);
/* Loads @document from its file and waits for it. Returns the error, or %NULL. */
GError   *tandem_test_load_document    (TandemDocument *document);
/* Saves @document, to @save_as when not %NULL, and waits for it. Returns the error,
 * or %NULL. */
GError   *tandem_test_save_document    (TandemDocument *document,
                                        GFile          *save_as);
/* The whole text of @buffer. */
char     *tandem_test_dup_text         (GtkTextBuffer  *buffer);
/* Inserts @text at the end of @buffer. */
void      tandem_test_append_text      (GtkTextBuffer  *buffer,
                                        const char     *text);
/* Iterates until @tree has listed @directory or the timeout passes. Returns FALSE
 * on timeout. */
gboolean  tandem_test_wait_loaded      (TandemFileTree *tree,
                                        GFile          *directory,
                                        guint           timeout_ms);
/* The first widget of @type at or below @widget, depth first, or %NULL. */
GtkWidget *tandem_test_find_descendant (GtkWidget      *widget,
                                        GType           type);

G_END_DECLS
