/* ai-stream.c
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

/* bench/ai-stream: a 4,000-token answer streamed by an in-process server speaking
 * OpenAI's SSE format, at a fixed rate, into the real chat panel in a real window.
 * The answer is code-heavy (a fenced C block every 28 tokens: 143 blocks), or prose
 * only with --prose. Prints the longest main-loop stall (the gap between two runs of a
 * 1 ms timeout at high priority), on the clock and in CPU time of the main thread (which
 * other processes of a busy machine do not inflate), the CPU time of the process while
 * the answer streamed, and where the frames' main-thread CPU time went.
 *
 *   bench-ai-stream [--rate TOKENS_PER_SECOND] [--tokens N] [--prose]
 *
 * Not a test: run it by hand under a display (bench/ai-stream.sh does both rates). */

#include "config.h"

#include <sys/resource.h>
#include <time.h>
#include <adwaita.h>
#include <libsoup/soup.h>
#include <gtksourceview/gtksource.h>

#include "tandem-ai-chat-panel.h"
#include "tandem-ai-provider-list.h"

typedef struct
{
  SoupServerMessage *msg;
  gint64             started;
  guint              sent;
  guint              source;
} Stream;

static guint total_tokens = 4000;
static guint rate = 200;
static gint64 last_tick;
static gint64 longest_gap;
static gint64 last_tick_cpu;
static gint64 longest_cpu_gap;
static gboolean measuring;
static gboolean prose_only;

/* Where the frames' time goes: the phases of the slowest frame. */
enum { PHASE_UPDATE, PHASE_LAYOUT, PHASE_PAINT, N_PHASES };
static gint64 phase_start[N_PHASES + 1];
static gint64 slowest_frame;
static gint64 slowest_phases[N_PHASES];
static gint64 phase_total[N_PHASES];
static guint n_frames;

/* Tokens of an answer: prose, a list, and a code block, again and again. */
static const char *
token_at (guint i)
{
  static const char * const words[] = {
    "The ", "function ", "reads ", "the ", "file ", "in ", "chunks ", "and ", "checks ",
    "each ", "line; ", "see ", "`read_all` ", "below.\n\n", "- ", "**fast** ", "path\n",
    "```c\n", "static ", "int\n", "parse ", "(const ", "char ", "*s)\n{\n  ", "return ",
    "strlen ", "(s);\n}\n", "```\n\n",
  };

  /* Prose only: the first 17 words, without the code block. */
  return words[i % (prose_only ? 17 : G_N_ELEMENTS (words))];
}

/* Code blocks the answer opens: the fence is token 17 of each 28. */
static guint
n_code_blocks (void)
{
  return prose_only || total_tokens < 18 ? 0 : (total_tokens - 18) / 28 + 1;
}

static char *
chunk_for (const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  return g_strdup_printf ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"}}]}\n\n", escaped);
}

static gboolean
stream_next_cb (gpointer data)
{
  Stream *stream = data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  /* Tokens due so far at this rate, sent in one write, as a server would; counted from
   * the clock, so that a late timer does not slow the stream down. */
  gint64 elapsed = g_get_monotonic_time () - stream->started;
  guint due = MIN (total_tokens, (guint) (elapsed * rate / G_USEC_PER_SEC) + 1);

  for (; stream->sent < due; stream->sent++)
    {
      g_autofree char *chunk = chunk_for (token_at (stream->sent));
      soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
    }

  if (stream->sent >= total_tokens)
    {
      static const char tail[] = "data: [DONE]\n\n";

      soup_message_body_append (body, SOUP_MEMORY_STATIC, tail, strlen (tail));
      soup_message_body_complete (body);
      soup_server_message_unpause (stream->msg);
      stream->source = 0;
      return G_SOURCE_REMOVE;
    }

  soup_server_message_unpause (stream->msg);
  return G_SOURCE_CONTINUE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Stream *stream = g_new0 (Stream, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, 200, NULL);
  /* Written chunks are dropped: the server's own cost must not grow with the answer. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  stream->msg = msg;
  stream->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), "stream", stream, g_free);
  soup_server_message_pause (msg);
  /* A write every 10 ms with the tokens due by then. */
  stream->source = g_timeout_add (10, stream_next_cb, stream);
}

/* CPU time of the main thread, in µs: unlike the clock, it does not count the time
 * other processes on a busy machine took from us. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (measuring && last_tick != 0)
    {
      longest_gap = MAX (longest_gap, now - last_tick);
      longest_cpu_gap = MAX (longest_cpu_gap, cpu - last_tick_cpu);
    }
  last_tick = now;
  last_tick_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
phase_cb (GdkFrameClock *clock,
          gpointer       data)
{
  phase_start[GPOINTER_TO_INT (data)] = thread_cpu_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  gint64 now = thread_cpu_time ();
  gint64 phases[N_PHASES];

  phase_start[N_PHASES] = now;
  /* A phase with nothing to do may not be announced: it took no time. */
  for (int i = N_PHASES - 1; i >= 0; i--)
    if (phase_start[i] == 0)
      phase_start[i] = phase_start[i + 1];
  if (measuring)
    {
      for (int i = 0; i < N_PHASES; i++)
        {
          phases[i] = phase_start[i + 1] - phase_start[i];
          phase_total[i] += phases[i];
        }
      n_frames++;
      if (now - phase_start[PHASE_UPDATE] > slowest_frame)
        {
          slowest_frame = now - phase_start[PHASE_UPDATE];
          memcpy (slowest_phases, phases, sizeof phases);
        }
    }
  memset (phase_start, 0, sizeof phase_start);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(TandemAiProviderList) providers = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GFile) root = NULL;
  GSList *uris;
  TandemAiProviderConfig *config;
  GtkWidget *window;
  TandemAiChatPanel *panel;
  GOptionEntry entries[] = {
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate, "Tokens per second (default 200)", "N" },
    { "tokens", 0, 0, G_OPTION_ARG_INT, &total_tokens, "Tokens in the answer (default 4000)", "N" },
    { "prose", 0, 0, G_OPTION_ARG_NONE, &prose_only, "An answer without code blocks", NULL },
    { NULL }
  };
  double cpu_start, elapsed;
  gint64 start;

  context = g_option_context_new ("- stream an answer into the chat panel");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* A private home so the bench leaves no conversation behind. */
  tmp = g_dir_make_tmp ("tandem-ai-stream-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_init ();
  adw_init ();
  gtk_source_init ();

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  providers = tandem_ai_provider_list_new (NULL);
  config = tandem_ai_provider_list_add (providers, TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE);
  tandem_ai_provider_config_set_base_url (config, base_url);
  tandem_ai_provider_config_set_model (config, "bench");

  root = g_file_new_for_path (tmp);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 800);
  panel = TANDEM_AI_CHAT_PANEL (tandem_ai_chat_panel_new (root));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));

  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

    /* Each phase ends when GTK's own handlers of the next signal have run. */
    g_signal_connect (clock, "before-paint", G_CALLBACK (phase_cb), GINT_TO_POINTER (PHASE_UPDATE));
    g_signal_connect_after (clock, "update", G_CALLBACK (phase_cb), GINT_TO_POINTER (PHASE_LAYOUT));
    g_signal_connect_after (clock, "layout", G_CALLBACK (phase_cb), GINT_TO_POINTER (PHASE_PAINT));
    g_signal_connect_after (clock, "paint", G_CALLBACK (after_paint_cb), NULL);
  }

  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);
  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  measuring = TRUE;
  tandem_ai_chat_panel_send_text (panel, "Explain the parser");
  while (tandem_ai_chat_panel_get_busy (panel))
    g_main_context_iteration (NULL, TRUE);
  measuring = FALSE;
  elapsed = (g_get_monotonic_time () - start) / 1e6;

  g_print ("tandem: %u tokens (%u code blocks) at %u tokens/s in %.2f s: longest main-loop stall "
           "%.1f ms (target < 16 ms; %.1f ms of main-thread CPU), CPU %.2f s (%.0f%% of one core)\n",
           total_tokens, n_code_blocks (), rate, elapsed, longest_gap / 1000.0, longest_cpu_gap / 1000.0,
           cpu_seconds () - cpu_start, 100.0 * (cpu_seconds () - cpu_start) / MAX (elapsed, 0.001));
  g_print ("        %u frames (main-thread CPU): average update %.2f / layout %.2f / paint %.2f ms; "
           "slowest frame %.1f ms (update %.1f, layout %.1f, paint %.1f)\n",
           n_frames,
           phase_total[PHASE_UPDATE] / 1000.0 / MAX (n_frames, 1),
           phase_total[PHASE_LAYOUT] / 1000.0 / MAX (n_frames, 1),
           phase_total[PHASE_PAINT] / 1000.0 / MAX (n_frames, 1),
           slowest_frame / 1000.0, slowest_phases[PHASE_UPDATE] / 1000.0,
           slowest_phases[PHASE_LAYOUT] / 1000.0, slowest_phases[PHASE_PAINT] / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
