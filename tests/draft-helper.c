/* draft-helper.c
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

/* Started by test-drafts: opens a file, types into it, waits until the draft is
 * on disk, says so on stdout and then waits to be killed, as a crash would. */

#include "config.h"

#include <stdio.h>
#include <gtksourceview/gtksource.h>

#include "tandem-document.h"

/* test-drafts expects exactly this text in front of the file's contents. */
#define TYPED_TEXT "typed by draft-helper before it was killed\n"

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *loaded = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_document_load_finish (TANDEM_DOCUMENT (object), result, &error))
    g_error ("draft-helper: could not load: %s", error->message);

  *loaded = TRUE;
}

static void
draft_saved_cb (TandemDocument *doc,
                gboolean       *saved)
{
  *saved = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) project = NULL;
  g_autoptr(TandemDocument) doc = NULL;
  GtkTextIter begin;
  gboolean loaded = FALSE;
  gboolean saved = FALSE;

  if (argc != 3)
    {
      g_printerr ("usage: %s FILE PROJECT-ROOT\n", argv[0]);
      return 2;
    }

  gtk_source_init ();

  file = g_file_new_for_commandline_arg (argv[1]);
  project = g_file_new_for_commandline_arg (argv[2]);
  doc = tandem_document_new (file, project);
  tandem_document_set_draft_delay (doc, 100);

  tandem_document_load_async (doc, NULL, load_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);

  g_signal_connect (doc, "draft-saved", G_CALLBACK (draft_saved_cb), &saved);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (doc), &begin);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (doc), &begin, TYPED_TEXT, -1);

  while (!saved)
    g_main_context_iteration (NULL, TRUE);

  g_print ("ready %s\n", tandem_document_get_draft_id (doc));
  fflush (stdout);

  for (;;)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
