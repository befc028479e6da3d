/* tandem-ai-context.c
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

#define G_LOG_DOMAIN "tandem-ai-context"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tandem-ai-context.h"

/* The context goes with the user's message in one <context> section, each file as a fenced
 * block tagged with its language and path:lines — the layout Zed uses, which models of
 * every size follow well. The project's AGENTS.md goes in the system text. */

static const char base_system[] =
  "You are Tandem's pair programmer, working with a developer inside their project. "
  "Answer concisely and precisely. Use Markdown. Put code in fenced blocks with the "
  "language after the opening fence. When you change code, show the complete changed "
  "function or block so it can be inserted as is.";

TandemAiAttachment *
tandem_ai_attachment_new (TandemAiAttachmentKind  kind,
                            const char          *path,
                            const char          *language,
                            const char          *text,
                            guint                first_line,
                            guint                last_line)
{
  TandemAiAttachment *item = g_new0 (TandemAiAttachment, 1);

  item->kind = kind;
  item->path = g_strdup (path);
  item->language = g_strdup (language);
  item->text = g_strdup (text ? text : "");
  item->first_line = first_line;
  item->last_line = last_line;

  return item;
}

void
tandem_ai_attachment_free (TandemAiAttachment *item)
{
  if (item == NULL)
    return;

  g_free (item->path);
  g_free (item->language);
  g_free (item->text);
  g_free (item);
}

/**
 * tandem_ai_attachment_dup_label:
 *
 * Returns: (transfer full): what a chip shows, e.g. "main.c" or "main.c:12–20"
 */
char *
tandem_ai_attachment_dup_label (TandemAiAttachment *item)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  base = g_path_get_basename (item->path ? item->path : "");
  if (item->first_line > 0 && item->last_line > item->first_line)
    return g_strdup_printf ("%s:%u–%u", base, item->first_line, item->last_line);
  if (item->first_line > 0)
    return g_strdup_printf ("%s:%u", base, item->first_line);

  return g_steal_pointer (&base);
}

/* A fence longer than any run of backticks in @text, so code with ``` inside stays whole. */
static char *
fence_for (const char *text)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p; p++)
    {
      run = (*p == '`') ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  return g_strnfill (MAX (3, longest + 1), '`');
}

static void
append_item (GString             *out,
             TandemAiAttachment *item)
{
  g_autofree char *fence = fence_for (item->text);
  gsize len = strlen (item->text);

  g_string_append_printf (out, "%s%s %s", fence, item->language ? item->language : "",
                          item->path ? item->path : "");
  if (item->first_line > 0)
    g_string_append_printf (out, ":%u-%u", item->first_line, MAX (item->first_line, item->last_line));
  g_string_append_c (out, '\n');
  g_string_append (out, item->text);
  if (len > 0 && item->text[len - 1] != '\n')
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", fence);
}

/**
 * tandem_ai_context_render:
 * @items: (element-type TandemAiAttachment): attached context
 *
 * Returns: (transfer full): the <context> section, or "" when @items is empty
 */
char *
tandem_ai_context_render (GPtrArray *items)
{
  GString *out;
  gboolean any_file = FALSE;
  gboolean any_selection = FALSE;

  if (items == NULL || items->len == 0)
    return g_strdup ("");

  for (guint i = 0; i < items->len; i++)
    {
      TandemAiAttachment *item = g_ptr_array_index (items, i);

      any_file |= item->kind == TANDEM_AI_ATTACHMENT_FILE;
      any_selection |= item->kind == TANDEM_AI_ATTACHMENT_SELECTION;
    }

  out = g_string_new ("<context>\n");

  if (any_file)
    {
      g_string_append (out, "<files>\n");
      for (guint i = 0; i < items->len; i++)
        if (((TandemAiAttachment *)g_ptr_array_index (items, i))->kind == TANDEM_AI_ATTACHMENT_FILE)
          append_item (out, g_ptr_array_index (items, i));
      g_string_append (out, "</files>\n");
    }

  if (any_selection)
    {
      g_string_append (out, "<selections>\n");
      for (guint i = 0; i < items->len; i++)
        if (((TandemAiAttachment *)g_ptr_array_index (items, i))->kind == TANDEM_AI_ATTACHMENT_SELECTION)
          append_item (out, g_ptr_array_index (items, i));
      g_string_append (out, "</selections>\n");
    }

  g_string_append (out, "</context>\n");

  return g_string_free (out, FALSE);
}

/**
 * tandem_ai_context_build_system:
 * @instructions: (nullable): the project's AGENTS.md
 *
 * Returns: (transfer full): the system text: short, because local models have small
 *   context windows and lose what does not fit.
 */
char *
tandem_ai_context_build_system (const char *instructions)
{
  if (instructions == NULL || instructions[0] == '\0')
    return g_strdup (base_system);

  return g_strdup_printf ("%s\n\n<rules>\nThe project's instructions (AGENTS.md):\n%s\n</rules>",
                          base_system, instructions);
}

/**
 * tandem_ai_estimate_tokens:
 *
 * Returns: a rough token count for @text: 3 bytes per token, which errs on the high
 *   side for English and code, so warnings come early rather than late.
 */
gint64
tandem_ai_estimate_tokens (const char *text)
{
  if (text == NULL)
    return 0;

  return ((gint64)strlen (text) + 2) / 3;
}

const char *
tandem_ai_quick_action_get_label (TandemAiQuickAction action)
{
  switch (action)
    {
    case TANDEM_AI_QUICK_EXPLAIN:
      return _("Explain");
    case TANDEM_AI_QUICK_WRITE_TESTS:
      return _("Write Tests");
    case TANDEM_AI_QUICK_OPTIMIZE:
      return _("Optimize");
    case TANDEM_AI_QUICK_FIX:
      return _("Fix");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * tandem_ai_quick_action_prompt:
 * @path: the file the selection is from
 * @language: (nullable): its language name
 *
 * Returns: (transfer full): the question a quick action asks about the attached selection
 */
char *
tandem_ai_quick_action_prompt (TandemAiQuickAction  action,
                               const char          *path,
                               const char          *language)
{
  g_autofree char *where = NULL;

  where = language ? g_strdup_printf ("the selected %s code from %s", language, path)
                   : g_strdup_printf ("the selected code from %s", path);

  switch (action)
    {
    case TANDEM_AI_QUICK_EXPLAIN:
      return g_strdup_printf ("Explain %s: what it does, how, and anything surprising.", where);
    case TANDEM_AI_QUICK_WRITE_TESTS:
      return g_strdup_printf ("Write unit tests for %s, in the style and framework the project "
                              "already uses where you can tell. Cover edge cases.", where);
    case TANDEM_AI_QUICK_OPTIMIZE:
      return g_strdup_printf ("Optimize %s for speed and memory without changing its behaviour. "
                              "Explain each change briefly.", where);
    case TANDEM_AI_QUICK_FIX:
      return g_strdup_printf ("Find and fix the bugs in %s. Show the corrected code and say what "
                              "was wrong.", where);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Reading files for context, off the main thread ------------------------------ */

typedef struct
{
  gsize    max_bytes;
  gboolean truncated;
} ReadFile;

static void
read_file_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = source_object;
  ReadFile *state = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize total = 0;
  gsize n_read = 0;

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* One byte more than allowed tells whether the file was longer. */
  buffer = g_malloc (state->max_bytes + 2);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, state->max_bytes + 1,
                                &n_read, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  total = n_read;

  if (memchr (buffer, '\0', MIN (total, 8192)) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("This file is not text"));
      return;
    }

  if (total > state->max_bytes)
    {
      state->truncated = TRUE;
      total = state->max_bytes;
    }

  /* Cut at a valid UTF-8 boundary; anything invalid is replaced. */
  buffer[total] = '\0';
  if (!g_utf8_validate (buffer, total, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (buffer, total);

      g_task_return_pointer (task, g_steal_pointer (&valid), g_free);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&buffer), g_free);
}

void
tandem_ai_context_read_file_async (GFile               *file,
                                   gsize                max_bytes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadFile *state;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_context_read_file_async);
  state = g_new0 (ReadFile, 1);
  state->max_bytes = max_bytes;
  g_task_set_task_data (task, state, g_free);
  g_task_run_in_thread (task, read_file_worker);
}

/**
 * tandem_ai_context_read_file_finish:
 * @truncated: (out) (optional): whether the file was longer than asked
 *
 * Returns: (transfer full): the text, valid UTF-8
 */
char *
tandem_ai_context_read_file_finish (GAsyncResult  *result,
                                    gboolean      *truncated,
                                    GError       **error)
{
  ReadFile *state;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  state = g_task_get_task_data (G_TASK (result));
  if (truncated != NULL)
    *truncated = state->truncated;

  return g_task_propagate_pointer (G_TASK (result), error);
}
